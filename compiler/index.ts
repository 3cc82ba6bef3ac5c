export { compile, type CompileOptions, type CompileResult } from './pipeline.js';
export { CompileError } from './errors.js';
