// Files stored by work that may still fail (a transaction that rolls back, a mail refused for a
// retry): the blobs written are removed again when the work fails, so a retry leaves no orphans.
import type { BlobStore } from '../../platform/blob-store.ts';

export async function withFilesRemovedOnFailure<T>(
  blobs: BlobStore,
  work: (blobs: BlobStore) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  const tracking: BlobStore = {
    inDatabase: blobs.inDatabase,
    put: async (key, data) => {
      written.push(key);
      await blobs.put(key, data);
    },
    get: (key) => blobs.get(key),
    delete: (key) => blobs.delete(key),
    list: () => blobs.list(),
  };
  try {
    return await work(tracking);
  } catch (err) {
    await Promise.all(written.map((key) => blobs.delete(key).catch(() => {})));
    throw err;
  }
}
