/** `discorsi bench [--json] [--quick] [--set FILE]`: the performance suite (CONTRACT §6). */
import { loadConfig } from '../config.ts';
import { benchTable, loadBenchQuestions, runBenchmarks } from '../bench/bench.ts';
import { parse } from './args.ts';

export async function runBench(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false }, set: { type: 'string' } }, 'usage: discorsi bench [--json] [--quick] [--set FILE]');
  const config = loadConfig();
  const report = await runBenchmarks({
    quick: values.quick, questions: loadBenchQuestions(values.set), config,
    progress: (line) => process.stderr.write(`bench: ${line}…\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${benchTable(report)}\n`);
  return 0;
}
