/** Maps character offsets to 1-based lines and back, in O(log n) per lookup. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line holding `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset where 1-based `line` starts. */
  startOf(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] as number;
  }

  /** Offset just past the last character of 1-based `line`, before its line break. */
  endOf(line: number): number {
    const next = line < this.starts.length ? (this.starts[line] as number) : this.text.length;
    let end = next;
    while (end > this.startOf(line) && /[\r\n]/.test(this.text[end - 1] as string)) end--;
    return end;
  }

  /** 0-based column of `offset` within its line. */
  columnOf(offset: number): number {
    return offset - this.startOf(this.lineOf(offset));
  }
}
