/**
 * The file piscina loads in each thread of the pool (pool.ts): a CommonJS shim that loads the ES
 * module worker (`worker.js`) with `import()` and hands it every task.
 *
 * Why not give piscina `worker.js` itself: piscina loads its file with `require()`, and Node 20
 * loads an ES module given to `require()` synchronously. A thread terminated during that
 * synchronous load — a pool closed while its threads are still starting, as when a command stops on
 * bad input found after the threads were started — aborted the whole process with a V8 fatal error
 * ("v8::Module::IsGraphAsync must be used on an instantiated module") instead of exit 2. A
 * termination during `import()` is clean. The load starts when the thread starts, as before.
 */
type Worker = typeof import('./worker.js', { with: { 'resolution-mode': 'import' } });
type WorkerTask = Parameters<Worker['default']>[0];

const loading: Promise<Worker> = import('./worker.js');
// a failed load is reported by the first task that awaits it, not as an unhandled rejection
loading.catch(() => undefined);

async function runTask(task: WorkerTask): Promise<ArrayBuffer> {
  const worker = await loading;
  return worker.default(task);
}

export = runTask;
