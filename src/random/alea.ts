/**
 * Baagøe's Alea generator (2010): the arithmetic of seedrandom 3.0.5's
 * `alea`, step for step, so a stream started from the same state gives the
 * same numbers (test/random/alea.test.ts holds it to seedrandom draw by
 * draw). It lives here as a class that can be restarted rather than built:
 * seedrandom makes an object, a Mash and five closures per stream, and a
 * worker starts two or three streams per replicate. The state is kept in
 * object fields, which V8 stores unboxed; closure variables would box every
 * update.
 */
export class Alea {
  private s0 = 0.5;
  private s1 = 0.5;
  private s2 = 0.5;
  private c = 1;

  /** Starts again from the state (s0, s1, s2) in [0, 1)³ with carry 1. */
  restart(s0: number, s1: number, s2: number): void {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
  }

  /** The next uniform deviate on [0, 1). */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}
