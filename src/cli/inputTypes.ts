/**
 * The shape of one input, shared by inputs.ts (which expands the command line) and walk.ts
 * (which it loads lazily to walk a directory): a module of its own so that neither imports the
 * other's code (no import cycle).
 */

/** One thing to judge, or why a command-line argument gave nothing to judge. */
export type Input =
  | {
      kind: 'file';
      file: string;
      fromDirectory: boolean;
      names?: string;
      stdin?: boolean;
      /** The path as bytes, when a name in it is not UTF-8 (`file` then shows U+FFFD): opened by it. */
      rawPath?: Uint8Array;
    }
  | { kind: 'url'; file: string; host: string; port: number; names?: string }
  | { kind: 'error'; file: string; code: string; message: string }
  | { kind: 'skipped'; file: string; reason: string };

/**
 * A file of a walked directory that is larger than `maxBytes` (the reader's input limit): skipped
 * unread, as no certificate file. Said by the walk for a link, and by judge for a listed file
 * (refused by readFileCapped on its size when opened).
 */
export function tooLarge(file: string, maxBytes: number): Extract<Input, { kind: 'skipped' }> {
  return {
    kind: 'skipped',
    file,
    reason: `larger than ${maxBytes} bytes, so not a certificate file`,
  };
}
