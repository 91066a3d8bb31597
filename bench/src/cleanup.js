/** Undo steps registered as a session is built, run in reverse on success, failure or Ctrl-C. */
export class CleanupStack {
  /** @type {{ label: string, undo: () => Promise<void> | void }[]} */
  #steps = [];

  /** @param {string} label @param {() => Promise<void> | void} undo */
  add(label, undo) {
    this.#steps.push({ label, undo });
  }

  /** Runs every step once, newest first; a failing step is reported and the others still run. */
  async runAll() {
    while (this.#steps.length > 0) {
      const step = /** @type {{ label: string, undo: () => Promise<void> | void }} */ (this.#steps.pop());
      try {
        await step.undo();
      } catch (error) {
        console.error(`cleanup: ${step.label} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  }
}
