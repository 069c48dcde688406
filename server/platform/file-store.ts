// The file store the configuration names: the data directory (FILE_STORE=local, one machine) or the
// database (FILE_STORE=postgres, shared by every instance on it).
import type pg from 'pg';
import type { TConfig } from '../config.ts';
import { type BlobStore, LocalBlobStore } from './blob-store.ts';
import { PostgresBlobStore } from './postgres-blob-store.ts';

export function openBlobStore(config: Pick<TConfig, 'fileStore' | 'blobDir'>, pool: pg.Pool): BlobStore {
  return config.fileStore === 'postgres' ? new PostgresBlobStore(pool) : new LocalBlobStore(config.blobDir);
}

/**
 * Moves every file of one store into another (switching FILE_STORE, or a backup of the database
 * store restored where files live in a folder). File by file, each copied before it is removed, so
 * an interrupted move is finished by running it again.
 */
export async function moveFiles(from: BlobStore, to: BlobStore): Promise<number> {
  const keys: string[] = [];
  for await (const key of from.list()) keys.push(key);
  for (const key of keys) {
    await to.put(key, await from.get(key));
    await from.delete(key);
  }
  return keys.length;
}
