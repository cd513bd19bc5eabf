import type { Statement } from '../../local/iam/evaluate';
import { synthesizedPolicies, type SynthesizedPolicies } from '../../local/iam/policies';

/** The synthesized policies with one principal's statements changed: a grant removed, for a test. */
export function policiesWith(principal: string, change: (s: Statement) => Statement | null): SynthesizedPolicies {
  const policies = synthesizedPolicies();
  const p = policies.principals[principal];
  if (!p) throw new Error(`no principal ${principal}`);
  let changed = false;
  p.policies = p.policies.map((doc) => ({
    ...doc,
    Statement: [doc.Statement].flat().flatMap((s) => {
      const after = change(s);
      if (after !== s) changed = true;
      return after ? [after] : [];
    }),
  }));
  if (!changed) throw new Error(`nothing changed in ${principal}'s policies`);
  return policies;
}

/** The synthesized policies without one statement (by Sid) of one principal. */
export const policiesWithout = (principal: string, sid: string) =>
  policiesWith(principal, (s) => (s.Sid === sid ? null : s));

/** The synthesized policies with one action taken out of every statement of one principal. */
export const policiesWithoutAction = (principal: string, action: string) =>
  policiesWith(principal, (s) => {
    const actions = [s.Action ?? []].flat();
    return actions.includes(action) ? { ...s, Action: actions.filter((a) => a !== action) } : s;
  });
