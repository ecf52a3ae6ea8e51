// Splitters that turn a large export into records as it is read, in constant memory: the elements of a
// JSON array (an `exports/json` file, or `results` of an explore API answer, `notices` of a TED answer),
// lines of JSON Lines, rows of a CSV export.

/** Keys of a root object whose array holds the records (explore API v2.1, TED API v3, API v1). */
const ARRAY_KEYS = new Set(['results', 'notices', 'records']);

/** The most a single JSON value may take when it must be held whole (one notice, a small answer). */
export const MAX_WHOLE = 50 * 1024 * 1024;

/** What a JSON stream held once it is read. */
export type JsonEnd = { kind: 'items'; count: number; key?: string } | { kind: 'whole'; text: string } | { kind: 'empty' } | { kind: 'too-large' };

/**
 * Streams the records of a JSON text: each element of a root array, or of the array under `results`,
 * `notices` or `records` of a root object. Any other root object is kept whole (up to MAX_WHOLE) and given
 * by `end()`. Elements are emitted as JSON text; parsing is left to the caller (a worker may do it).
 */
export class JsonItems {
  private depth = 0;
  private inStr = false;
  private esc = false;
  private root: '' | 'array' | 'object' = '';
  private itemDepth = -1;
  private inItem = false;
  private parts: string[] = [];
  private keyParts: string[] | null = null;
  private lastKey = '';
  private arrayKey = '';
  private count = 0;
  private whole: string[] | null = null;
  private wholeSize = 0;
  private tooLarge = false;

  /** Feeds a chunk; calls `emit` with the JSON text of each complete record. */
  push(chunk: string, emit: (json: string) => void): void {
    let start = this.inItem ? 0 : -1;
    let keyStart = this.keyParts ? 0 : -1;
    if (this.whole && !this.tooLarge) {
      this.wholeSize += chunk.length;
      if (this.wholeSize > MAX_WHOLE) {
        this.tooLarge = true;
        this.whole = [];
      } else this.whole.push(chunk);
    }
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) {
          this.inStr = false;
          if (this.keyParts) {
            this.keyParts.push(chunk.slice(keyStart, i));
            this.lastKey = this.keyParts.join('');
            this.keyParts = null;
            keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (this.depth === this.itemDepth && !this.inItem && c !== 44 && c !== 93) {
        // A record starts (an object, or a value that is not one: the caller reports it).
        this.inItem = true;
        start = i;
      }
      if (c === 34) {
        this.inStr = true;
        if (this.root === 'object' && this.depth === 1 && !this.inItem) {
          this.keyParts = [];
          keyStart = i + 1;
        }
        continue;
      }
      if (c === 123 || c === 91) {
        if (this.depth === 0) {
          this.root = c === 91 ? 'array' : 'object';
          if (c === 91) this.itemDepth = 1;
          else {
            this.whole = [chunk.slice(i)];
            this.wholeSize = n - i;
          }
        } else if (this.depth === 1 && this.root === 'object' && c === 91 && this.itemDepth < 0 && ARRAY_KEYS.has(this.lastKey) && !this.arrayKey) {
          this.itemDepth = 2;
          this.arrayKey = this.lastKey;
          this.whole = null;
        }
        this.depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        this.depth--;
        if (this.inItem && this.depth === this.itemDepth) {
          // A record (object or array) closes.
          this.parts.push(chunk.slice(start, i + 1));
          this.finishItem(emit);
          start = -1;
        } else if (this.inItem && this.depth === this.itemDepth - 1) {
          // The array of records closes right after a record that is not an object.
          this.parts.push(chunk.slice(start, i));
          this.finishItem(emit);
          start = -1;
        }
        if (this.depth === this.itemDepth - 1) this.itemDepth = -1;
        continue;
      }
      if (c === 44 && this.inItem && this.depth === this.itemDepth) {
        // The end of a primitive record.
        this.parts.push(chunk.slice(start, i));
        this.finishItem(emit);
        start = -1;
      }
    }
    if (this.inItem && start >= 0) this.parts.push(chunk.slice(start));
    if (this.keyParts && keyStart >= 0) this.keyParts.push(chunk.slice(keyStart));
  }

  private finishItem(emit: (json: string) => void): void {
    const text = this.parts.join('');
    this.parts = [];
    this.inItem = false;
    this.count++;
    emit(text);
  }

  /** Says what the stream held. */
  end(): JsonEnd {
    if (this.root === 'array' || this.arrayKey) return { kind: 'items', count: this.count, ...(this.arrayKey ? { key: this.arrayKey } : {}) };
    if (this.tooLarge) return { kind: 'too-large' };
    if (this.whole) return { kind: 'whole', text: this.whole.join('') };
    return { kind: 'empty' };
  }
}

/** Splits a stream into lines (JSON Lines), keeping the line number. */
export class Lines {
  private rest = '';
  private line = 0;

  /** Feeds a chunk; calls `emit` for each complete line with its 1-based number. */
  push(chunk: string, emit: (line: string, n: number) => void): void {
    let from = 0;
    const text = this.rest ? this.rest + chunk : chunk;
    this.rest = '';
    for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', from)) {
      this.line++;
      emit(text.slice(from, at), this.line);
      from = at + 1;
    }
    this.rest = text.slice(from);
  }

  /** The last line when the stream does not end with a line break. */
  end(emit: (line: string, n: number) => void): void {
    if (this.rest) {
      this.line++;
      emit(this.rest, this.line);
      this.rest = '';
    }
  }
}

/**
 * Rows of a CSV export (RFC 4180 quoting: fields in double quotes, quotes doubled, line breaks allowed inside
 * quotes). The separator is guessed on the first line: `;` as Opendatasoft exports write it, else `,`.
 */
export class CsvRows {
  private sep = -1;
  private field: string[] = [];
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private started = false;
  private line = 1;
  private rowLine = 1;

  /** Feeds a chunk; calls `emit` for each complete row with the line it starts on. */
  push(chunk: string, emit: (row: string[], line: number) => void): void {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
      this.sep = (first.match(/;/g)?.length ?? 0) >= (first.match(/,/g)?.length ?? 0) ? 59 : 44;
    }
    let from = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === 34) {
          this.field.push(text.slice(from, i));
          from = i + 1;
          this.inQuotes = false;
          this.quoteSeen = true;
        } else if (c === 10) this.line++;
        continue;
      }
      if (c === 34) {
        // A doubled quote inside a quoted field, or the opening quote.
        if (this.quoteSeen) this.field.push('"');
        from = i + 1;
        this.inQuotes = true;
        this.quoteSeen = false;
        continue;
      }
      this.quoteSeen = false;
      if (c === this.sep) {
        this.field.push(text.slice(from, i));
        this.row.push(this.field.join(''));
        this.field = [];
        from = i + 1;
      } else if (c === 10) {
        this.field.push(text.slice(from, i));
        this.row.push(this.field.join('').replace(/\r$/, ''));
        this.field = [];
        from = i + 1;
        const row = this.row;
        this.row = [];
        const at = this.rowLine;
        this.line++;
        this.rowLine = this.line;
        if (!(row.length === 1 && row[0] === '')) emit(row, at);
      }
    }
    if (from < n) this.field.push(text.slice(from));
  }

  /** The last row when the stream does not end with a line break; false when a quote was left open. */
  end(emit: (row: string[], line: number) => void): boolean {
    if (this.field.length || this.row.length) {
      this.row.push(this.field.join('').replace(/\r$/, ''));
      const row = this.row;
      this.row = [];
      this.field = [];
      if (!(row.length === 1 && row[0] === '')) emit(row, this.rowLine);
    }
    return !this.inQuotes;
  }
}
