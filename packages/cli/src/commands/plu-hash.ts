import { parsePluLines, pluHash, type PluInputProblem } from '@gks/core';
import { readAll, type Command } from '../command.js';

const example = `[
  {"quantity": 3, "description": "Soda LIGHT 33 CL.", "priceCents": 660, "vat": "A"},
  {"quantity": 0.527, "unit": "kg", "description": "Salad Bar (kg)", "priceCents": 853, "vat": "B"},
  {"quantity": -1, "description": "Soda LIGHT 33 CL.", "priceCents": -220, "vat": "A"}
]`;

export const pluHashCommand: Command = {
  name: 'plu-hash',
  summary: 'compute the C-37 PLU records and hash of ticket lines given as JSON on stdin',
  help: `Usage: gks plu-hash < lines.json

Reads a JSON array of ticket lines on stdin and prints each 33-character PLU record (C-37) on
its own line, then the SHA-1 of their concatenation ("sha1 <hash>", sent to the FDM) and its
last 8 characters ("printed <last8>", printed on the ticket).

Each line: {"quantity": number, "unit"?: "piece" | "kg" | "l", "description": string,
            "priceCents": integer line total incl. VAT, "vat": "A" | "B" | "C" | "D"}
Quantities in pieces must be whole; kg and l become grams and millilitres.
An empty array hashes the empty string.

Example:
  echo '${example.replace(/\n\s*/g, '')}' | gks plu-hash
  0003SODALIGHT33CL       00000660A
  0527SALADBARKG          00000853B
  0001SODALIGHT33CL       00000220A
  sha1 1445cda116e85092ada50d1b1c0fadcd266bd28e
  printed 266bd28e

Exit codes: 0 on success, 1 on invalid JSON or an invalid line (each problem is named by line
index and field on stderr).
`,
  options: {},
  async run(_args, io) {
    const text = await readAll(io.stdin);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      io.stderr.write(`gks plu-hash: stdin is not valid JSON: ${(error as Error).message}\n`);
      return 1;
    }
    const lines = parsePluLines(value);
    if (!lines.ok) {
      for (const problem of lines.error) io.stderr.write(`gks plu-hash: ${describeProblem(problem)}\n`);
      return 1;
    }
    const result = pluHash(lines.value);
    for (const record of result.records) io.stdout.write(`${record}\n`);
    io.stdout.write(`sha1 ${result.hash}\nprinted ${result.printed}\n`);
    return 0;
  },
};

function describeProblem(problem: PluInputProblem): string {
  if (problem.index === null) return problem.reason;
  const where =
    problem.field === null ? `line ${problem.index}` : `line ${problem.index}, field "${problem.field}"`;
  return `${where}: ${problem.reason}`;
}
