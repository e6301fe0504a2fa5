import { GROUND_LABELS, type Ground } from '../../shared/workflow';
import type { ItemDetail } from '../../shared/types';

// 不予公开 and 部分公开 must tell the applicant 理由和依据 (附件2 第十条（二）（三）): the
// grounds and bases the review's last round gave, in the words of their labels.

export function reviewReasons(item: Pick<ItemDetail, 'opinions'>): { grounds: string[]; bases: string[] } {
  const round = Math.max(0, ...item.opinions.map((o) => o.round));
  const last = item.opinions.filter((o) => o.round === round);
  const grounds = [...new Set(last.flatMap((o) => o.grounds))].map((g) => GROUND_LABELS[g as Ground] ?? g);
  const bases = [...new Set(last.flatMap((o) => o.bases.map((b) => b.title)))];
  return { grounds, bases };
}
