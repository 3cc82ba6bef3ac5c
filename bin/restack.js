#!/usr/bin/env -S node --stack-size=4000
// The flag is the stack `restack run` gives a program (STACK_KB in cli/restack.ts): started
// without it (`node bin/restack.js run`), `restack run` starts a second process that has it.
import '../dist/cli/restack.js';
