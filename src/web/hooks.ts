import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, type CallArgs } from './api';
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
  // only the newest request's answer is kept: a slower answer for an earlier input (a poll of the run shown
  // before another was chosen) must not replace the newer one
  const latest = useRef(0);
  const load = useCallback(async () => {
    if (key === null) return;
    const mine = ++latest.current;
    setLoading(true);
    try {
      const answer = await call(ep, ...([JSON.parse(key)] as CallArgs<E>));
      if (mine !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (mine === latest.current) setError((e as Error).message);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ep, key, ...deps]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, loading, reload: load, setData };
}

/**
 * Runs a user action: on success the error clears, on failure the server's message is kept to show.
 * `errorFor('name')` is the failure's text when the server named that field (`body.name`,
 * `query.name`, `body.items.2.name` for `items.2.name`…), to show next to it; `errorOutside([...])`
 * is the text when no field of the form claims it, for a note above the form.
 */
export function useAction() {
  const [failure, setFailure] = useState<Error | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      setFailure(null);
      return true;
    } catch (e) {
      setFailure(e as Error);
      return false;
    }
  }, []);
  // a core parser names fields JSON-path style (`template.sections[0].items`): the same field as `template.sections.0.items`
  const failed = failure instanceof ApiError && failure.field ? failure.field.replace(/^(body|query|params)\./, '').replace(/\[(\d+)\]/g, '.$1') : null;
  const claims = useCallback((path: string) => failed !== null && (failed === path || failed.startsWith(`${path}.`)), [failed]);
  const errorFor = useCallback((path: string) => (claims(path) ? (failure as ApiError).bare : null), [claims, failure]);
  /** The failure's text only when the server named exactly this field (not one inside it). */
  const errorAt = useCallback((path: string) => (failed === path ? (failure as ApiError).bare : null), [failed, failure]);
  const errorOutside = useCallback((paths: string[]) => (failure && !paths.some(claims) ? failure.message : null), [claims, failure]);
  return { error: failure?.message ?? null, failure, errorFor, errorAt, errorOutside, run, clear: () => setFailure(null) };
}

/**
 * The state of a form that edits stored values: seeded once, from the loader's first answer (`seed(data)`),
 * and null until then — the form renders "loading" while it is null, so an answer that comes late never
 * overwrites what was typed. Later answers (a reload) leave the form alone: to show what the server kept
 * after a save, set the form from its reply.
 */
export function useStoredForm<D, F>(data: D | null | undefined, seed: (d: D) => F) {
  const [state, setState] = useState<{ form: F } | null>(null);
  let current = state;
  if (current === null && data != null) {
    // seeded while rendering (React renders again at once with it), so no frame shows the unseeded form
    current = { form: seed(data) };
    setState(current);
  }
  const setForm = useCallback((f: F) => setState({ form: f }), []);
  return [current?.form ?? null, setForm] as const;
}
