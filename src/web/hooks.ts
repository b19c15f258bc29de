import { useCallback, useEffect, useState } from 'react';
import { call, type CallArgs } from './api';
import type { Endpoint, ResponseOf } from '../contract/endpoint';

/**
 * Loads a GET endpoint of the contract; data is typed as its response. `input` null = do not load
 * (yet). Loads again when the input changes (compared by value) or a dep changes; reload() on demand.
 */
export function useEndpoint<E extends Endpoint>(ep: E, input: CallArgs<E>[0] | null, deps: unknown[] = []) {
  const [data, setData] = useState<ResponseOf<E> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = input === null ? null : JSON.stringify(input ?? {});
  const load = useCallback(async () => {
    if (key === null) return;
    setLoading(true);
    try {
      setData(await call(ep, ...([JSON.parse(key)] as CallArgs<E>)));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ep, key, ...deps]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, loading, reload: load, setData };
}

/** Runs a user action: on success the error clears, on failure the server's message is kept to show. */
export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }, []);
  return { error, run };
}
