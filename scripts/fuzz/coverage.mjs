/**
 * Block coverage of the library bundle from V8, through node:inspector (same thread, so
 * session.post answers synchronously). Precise coverage with call counts and block detail;
 * each take() returns the counts since the previous one (V8 resets them), i.e. one exec.
 *
 * V8 drops a nested range whose count equals its parent's, and merges neighbours of equal
 * count: a block that ran exactly as often as its enclosing function is not listed at all. So
 * the collector remembers every range V8 ever listed per function (the "universe") and gives
 * an unlisted one the count of its innermost listed enclosing range. A block id is
 * script:start:end packed into one number.
 */
import { Session } from 'node:inspector';

const SPAN = 2 ** 21; // offsets below 2 MB

export class Coverage {
  /** @param matchUrl (url) => boolean: which scripts count (the library bundle) */
  constructor(matchUrl) {
    this.matchUrl = matchUrl;
    this.session = new Session();
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    /** Every block id covered so far. */
    this.covered = new Set();
    /** scriptUrl -> index */
    this.scripts = new Map();
    /** function key -> [start, end][] of every nested range V8 listed for it */
    this.universe = new Map();
    this.universeKeys = new Set();
    this.takeMs = 0;
    this.takes = 0;
  }

  post(method, params) {
    let result;
    let error;
    let done = false;
    this.session.post(method, params, (err, res) => {
      error = err;
      result = res;
      done = true;
    });
    if (!done) throw new Error(`inspector ${method} did not answer synchronously`);
    if (error) throw error;
    return result;
  }

  /** Discards the counts since the last take (e.g. after a warm-up). */
  reset() {
    this.post('Profiler.takePreciseCoverage');
  }

  /**
   * Block ids hit since the previous take; returns { fresh: ids not covered before } and adds
   * them to `covered` when `commit` is true.
   */
  take(commit = true) {
    const t0 = performance.now();
    const { result } = this.post('Profiler.takePreciseCoverage');
    const fresh = [];
    for (const script of result) {
      if (!this.matchUrl(script.url)) continue;
      let si = this.scripts.get(script.url);
      if (si === undefined) {
        si = this.scripts.size;
        this.scripts.set(script.url, si);
      }
      const base = si * SPAN * SPAN;
      for (const fn of script.functions) {
        const ranges = fn.ranges;
        let any = false;
        for (const r of ranges)
          if (r.count > 0) {
            any = true;
            break;
          }
        const f = ranges[0];
        const fkey = base + f.startOffset * SPAN + f.endOffset;
        // Learn the ranges V8 listed (covered or not).
        let known = this.universe.get(fkey);
        for (let i = 1; i < ranges.length; i++) {
          const r = ranges[i];
          const key = base + r.startOffset * SPAN + r.endOffset;
          if (!this.universeKeys.has(key)) {
            this.universeKeys.add(key);
            if (!known) {
              known = [];
              this.universe.set(fkey, known);
            }
            known.push(r.startOffset, r.endOffset);
          }
        }
        if (!any) continue;
        const hit = (key) => {
          if (!this.covered.has(key)) {
            if (commit) this.covered.add(key);
            fresh.push(key);
          }
        };
        if (f.count > 0) hit(fkey);
        const listed = new Set();
        for (let i = 1; i < ranges.length; i++) {
          const r = ranges[i];
          const key = base + r.startOffset * SPAN + r.endOffset;
          listed.add(key);
          if (r.count > 0) hit(key);
        }
        if (!known) continue;
        for (let k = 0; k < known.length; k += 2) {
          const s = known[k];
          const e = known[k + 1];
          const key = base + s * SPAN + e;
          if (listed.has(key) || this.covered.has(key)) continue;
          // Innermost listed range that encloses [s, e): ranges are sorted by start.
          let count = f.count;
          let bestStart = -1;
          let bestEnd = Infinity;
          for (let i = 1; i < ranges.length; i++) {
            const r = ranges[i];
            if (r.startOffset > s) break;
            if (
              r.endOffset >= e &&
              (r.startOffset > bestStart || (r.startOffset === bestStart && r.endOffset < bestEnd))
            ) {
              bestStart = r.startOffset;
              bestEnd = r.endOffset;
              count = r.count;
            }
          }
          if (count > 0) hit(key);
        }
      }
    }
    this.takeMs += performance.now() - t0;
    this.takes++;
    return fresh;
  }

  stop() {
    try {
      this.post('Profiler.stopPreciseCoverage');
      this.post('Profiler.disable');
    } finally {
      this.session.disconnect();
    }
  }
}
