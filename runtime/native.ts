/**
 * Node's own Worker class, taken before restack replaces the one programs see (threads.ts): the
 * runtime's helper threads (the control channel's, blocking calls') are not threads of the program.
 */
import { Worker } from 'node:worker_threads';

export const NativeWorker = Worker;
