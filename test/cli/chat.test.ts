/** The terminal chat as a person uses it: numbered "did you mean…?" options, a number picks one, "more" shows the rest. */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';

describe('discorsi chat', () => {
  it('shows "did you mean…?" as a numbered list; typing a number answers that item', async () => {
    const result = await runCli(['chat'], { env: { DATA_DIR: tempDir(), LOG_LEVEL: 'silent' }, input: 'permesso\n1\nexit\n' });
    expect(result.code).toBe(0);
    const out = result.stdout;
    const options = [...out.matchAll(/^(\d)\. (.+)$/gm)].map((m) => m[2]!);
    expect(options.length).toBeGreaterThan(0);
    expect(out).toMatch(/Scrivi il numero della tua scelta/);
    // After "1", the first option's card is the answer: its title is printed again, with its sources.
    const after = out.slice(out.indexOf('Scrivi il numero della tua scelta'));
    expect(after).toContain(options[0]!.slice(0, 25));
    expect(after).toMatch(/Fonti:/);
  }, 120_000);

  it('"more" shows the rest of the last card', async () => {
    const result = await runCli(['chat'], { env: { DATA_DIR: tempDir(), LOG_LEVEL: 'silent' }, input: 'Come rinnovo il permesso di soggiorno alla posta?\naltro\nexit\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Scrivi "altro" per leggere il resto/);
    const rest = result.stdout.slice(result.stdout.indexOf('Scrivi "altro" per leggere il resto') + 40);
    expect(rest.length).toBeGreaterThan(200);
  }, 120_000);
});
