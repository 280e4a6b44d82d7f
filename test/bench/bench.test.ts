/** `discorsi bench --quick --json` runs the whole suite at small sizes; no timing is asserted. */
import { expect, it } from 'vitest';
import { KNOWLEDGE, runCli, tempDir } from '../helpers/cli.ts';

it('prints one JSON object with every figure of the contract', async () => {
  const dataDir = tempDir();
  expect((await runCli(['ingest'], { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: KNOWLEDGE } })).code).toBe(0);
  const result = await runCli(['bench', '--quick', '--json'], { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: KNOWLEDGE } });
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const r = JSON.parse(lines[0]!);
  expect(r.machine).toMatch(/cores/);
  expect(Object.keys(r.ask)).toEqual(expect.arrayContaining(['n', 'p50_ms', 'p95_ms', 'p99_ms']));
  const scale = Object.values(r.retrieval)[0] as Record<string, number>;
  expect(Object.keys(scale).sort()).toEqual(['build_s', 'p50_ms', 'p99_ms', 'peer_p99_ms', 'peer_recall_at_10', 'recall_at_10', 'size_mb']);
  expect(scale.recall_at_10).toBeGreaterThan(0);
  expect(Object.keys(r.ingest).sort()).toEqual(['incremental_s', 'markdown_files_per_s', 'pdf_pages_per_s']);
  expect(r.telegram).toMatchObject({ order_kept: true });
  expect(r.telegram.updates).toBeGreaterThan(0);
  for (const mode of ['hybrid', 'bm25', 'vector']) expect(Object.keys(r.quality[mode]).sort()).toEqual(['recall_at_1', 'recall_at_3']);
  expect(typeof r.cold_start_s).toBe('number');
  expect(Object.keys(r.memory)).toEqual(expect.arrayContaining(['rss_start_mb', 'rss_after_10k_mb', 'rss_growth_5k_to_10k_mb', 'rss_100k_chunks_mb']));
}, 300_000);
