/**
 * Which sources a card may rest on: a page of a public body (or ASGI, UNHCR, IOM) on a host of
 * ./institutional-sources.json, not a bare home page, never Wikipedia or a blog.
 */
import data from './institutional-sources.json' with { type: 'json' };

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

const matches = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`);

/** Whether a URL is on an institutional host. */
export function isInstitutional(url: string): boolean {
  const host = hostOf(url);
  return Boolean(host) && !data.never.some((s) => matches(host!, s)) && (data.suffixes.some((s) => matches(host!, s)) || data.patterns.some((p) => new RegExp(p).test(host!)));
}

/** Whether a URL is a source that can never support a fact on its own terms (Wikipedia, social media, blogs). */
export function isRejectedSource(url: string): boolean {
  const host = hostOf(url);
  return Boolean(host) && data.never.some((s) => matches(host!, s));
}

/** A bare home page ("https://www.inps.it/") says nothing about a specific fact. */
export function isGenericPage(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.pathname === '/' || u.pathname === '' || /^\/(it|en|index\.(html?|php))?\/?$/i.test(u.pathname)) && !u.search;
  } catch {
    return false;
  }
}
