import { appendFileSync } from 'node:fs';

/**
 * What a scenario did, line by line, and its one-line verdict. Written straight to stdout (Jest
 * decorates console output), and the verdicts also to FAULTS_VERDICTS for the end-of-run summary.
 */
export function scenarioLog(scenario: string) {
  const started = Date.now();
  const line = (text: string) => process.stdout.write(`[faults:${scenario} +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);
  return {
    log: line,
    verdict(problems: readonly string[], counts: Record<string, number | string>) {
      const pass = problems.length === 0;
      const shown = Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      write(`VERDICT ${scenario}: ${pass ? 'PASS' : 'FAIL'} ${shown}${pass ? '' : ` | ${problems.slice(0, 5).join('; ')}`}`);
    },
    skip(reason: string) {
      write(`VERDICT ${scenario}: SKIP (${reason})`);
    },
  };
}

function write(text: string) {
  process.stdout.write(`${text}\n`);
  if (process.env.FAULTS_VERDICTS) appendFileSync(process.env.FAULTS_VERDICTS, `${text}\n`);
}

/**
 * Scenarios for features that other branches are still adding probe for them and skip with a reason.
 * FAULTS_REQUIRE=all (or a comma list such as rate-limit,idempotency,purge) turns a missing feature into
 * a failure, for once those branches are merged.
 */
export function required(feature: string): boolean {
  const list = (process.env.FAULTS_REQUIRE ?? '').split(',').map((s) => s.trim());
  return list.includes('all') || list.includes(feature);
}
