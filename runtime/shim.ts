/**
 * For running restack-annotated sources without compiling them: defines the global
 * UPDATE_POINT() as a no-op. `node --import restack/shim app.js`, or import it first.
 */
const g = globalThis as unknown as { UPDATE_POINT?: () => void };
g.UPDATE_POINT ??= () => {};
export {};
