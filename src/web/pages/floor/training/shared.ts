/** A number typed into a form: empty is "not given" (the server's default), anything else is sent as typed for the server to judge. */
export const optNum = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
/** The same for a required number: typed as given so that an empty one reaches the server, which answers "required" next to the field. */
export const req = (s: string): number => optNum(s) as number;
