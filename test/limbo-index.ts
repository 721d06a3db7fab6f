import { fixture } from './fixtures.js';

/**
 * x509-limbo's index.tsv (certs-fixtures/x509-limbo/index.tsv, the fixture's own table of every
 * testcase): its rows, each split into cells, and the indexes of the columns the tests read.
 * @throws Error when a column is missing (the fixture changed shape).
 */
export function limboIndex(root: string): {
  rows: string[][];
  COL: { id: number; file: number; expected: number; kind: number; category: number };
} {
  const tsv = fixture(`${root}/index.tsv`).toString('utf8').trimEnd().split('\n');
  const header = tsv[0]!.split('\t');
  const column = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`index.tsv has no column ${name}`);
    return i;
  };
  return {
    rows: tsv.slice(1).map((line) => line.split('\t')),
    COL: {
      id: column('id'),
      file: column('file'),
      expected: column('expected_result'),
      kind: column('validation_kind'),
      category: column('category'),
    },
  };
}
