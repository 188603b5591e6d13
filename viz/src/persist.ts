/**
 * The last network and its view, kept in the browser (IndexedDB, this origin only) so that a
 * reload or the next visit shows them again; "Start fresh" forgets them. What is kept: the decoded
 * input files (they never leave the browser), where they came from, the view (as the link's query
 * string) and the actors' positions (so that the map comes back exactly, without a new layout).
 */
import type { DecodedFile } from './model/files.js';
import type { NetworkSource } from './state.js';

export interface SavedSession {
  version: 1;
  files: DecodedFile[];
  source: NetworkSource;
  /** The view as a query string (`model/urlstate.ts`). */
  view: string;
  /** x0, y0, x1, y1, … in the display graph's node order, or null. */
  positions: Float64Array | null;
  savedAt: number;
}

const DB = 'helixlab';
const STORE = 'session';
const KEY = 'last';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = f(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

export function saveSession(s: SavedSession): Promise<void> {
  return run('readwrite', (st) => st.put(s, KEY)).then(() => undefined);
}

/** Update parts of the kept session (view, positions); nothing happens when none is kept. */
export async function updateSession(patch: Partial<Pick<SavedSession, 'view' | 'positions'>>): Promise<void> {
  const cur = await loadSession();
  if (!cur) return;
  await saveSession({ ...cur, ...patch, savedAt: Date.now() });
}

export async function loadSession(): Promise<SavedSession | null> {
  const v: unknown = await run('readonly', (st) => st.get(KEY));
  if (!v || typeof v !== 'object' || (v as { version?: unknown }).version !== 1) return null;
  return v as SavedSession;
}

export function clearSession(): Promise<void> {
  return run('readwrite', (st) => st.delete(KEY)).then(() => undefined);
}
