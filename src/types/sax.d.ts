// sax 1.6.1 (isaacs/sax-js) ships no type declarations, and @types/sax (1.2.7) describes sax 1.2
// without the options and parser fields src/deploy/iisConfig.ts uses. This declares only those,
// as lib/sax.js of 1.6.1 defines them: the parser factory, the events, and the state the reader
// reads to word an error (`state` against `STATE`, the tag and attribute being read).
declare module 'sax' {
  export interface SaxTag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SaxOptions {
    /** Only the five predefined XML entities (and character references) are recognised. */
    strictEntities?: boolean;
    /** Tracks line, column and position (the default). */
    position?: boolean;
  }
  export interface SaxParser {
    write(chunk: string): SaxParser;
    close(): SaxParser;
    /** 0-based line of the character being read. */
    line: number;
    /** Characters read so far (UTF-16 code units). */
    position: number;
    /** `position` just after the `<` of the tag being read. */
    startTagPosition: number;
    /** One of `STATE`'s values. */
    state: number;
    /** The open elements, outermost first (the one being opened is pushed at its `>`). */
    tags: SaxTag[];
    /** The name of the tag being read (opening or closing). */
    tagName: string;
    attribName: string;
    attribValue: string;
    /**
     * The attributes of the tag being opened, kept only in xmlns mode; sax uses only `push`,
     * `indexOf` and `length` (emptied with `length = 0`) of it outside that mode.
     */
    attribList: {
      length: number;
      push(item: unknown): number;
      indexOf(item: unknown): number;
    };
    /** The text of a `<!…` declaration being read (not a comment, CDATA or DOCTYPE). */
    sgmlDecl: string;
    onerror: ((error: Error) => void) | null;
    ondoctype: ((doctype: string) => void) | null;
    onsgmldeclaration: ((declaration: string) => void) | null;
    onopentagstart: ((tag: SaxTag) => void) | null;
    onattribute: ((attribute: { name: string; value: string }) => void) | null;
    onopentag: ((tag: SaxTag) => void) | null;
    onclosetag: ((name: string) => void) | null;
  }
  interface Sax {
    parser(strict: boolean, options?: SaxOptions): SaxParser;
    /** The parser states by name (TEXT, OPEN_TAG, ATTRIB_VALUE_QUOTED ...). */
    STATE: Record<string, number>;
  }
  const sax: Sax;
  export default sax;
}
