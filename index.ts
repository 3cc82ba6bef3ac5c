/** restack's public API: the compiler, and the runtime's control functions. */
export { compile, CompileError, type CompileOptions, type CompileResult } from './compiler/index.js';
export { requestUpdate, status, install } from './runtime/index.js';
export type { ModuleMeta, FunctionMeta, CpMeta, UpdatePointPolicy } from './contract/index.js';
