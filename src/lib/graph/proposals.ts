// A workshop round's proposals in the graph: nodes of their own style in a row
// under the network, outside its ids, its layout and its taps. Pure.
import type { ProposalMark } from '$lib/domain/workshop';

export const PROPOSAL_CLASS = 'proposal';

export interface ProposalElement {
  group: 'nodes';
  data: { id: string; label: string };
  classes: string;
  selectable: false;
  grabbable: false;
}

export function proposalElements(marks: readonly ProposalMark[]): ProposalElement[] {
  return marks.map((m) => ({
    group: 'nodes',
    data: { id: `proposal:${m.id}`, label: m.title },
    classes: PROPOSAL_CLASS,
    selectable: false,
    grabbable: false
  }));
}
