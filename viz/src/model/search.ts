/**
 * Search with suggestions. Matching is case- and accent-insensitive (NFD, combining marks removed)
 * on the label and the id. Ranking: label starts with the query (0), a word of the label starts
 * with it (1), the label or id contains it (2); within a rank, higher degree first, then label.
 */
export interface SearchItem {
  id: string;
  label: string;
  helix: string;
  degree: number;
}

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export interface SearchIndex {
  items: Array<SearchItem & { folded: string; foldedId: string }>;
}

export function buildSearchIndex(items: readonly SearchItem[]): SearchIndex {
  return { items: items.map((it) => ({ ...it, folded: fold(it.label), foldedId: fold(it.id) })) };
}

export function suggest(index: SearchIndex, query: string, limit = 8): SearchItem[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const hits: Array<{ item: SearchItem; rank: number }> = [];
  for (const it of index.items) {
    let rank = -1;
    if (it.folded.startsWith(q) || it.foldedId === q) rank = 0;
    else if (it.folded.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q))) rank = 1;
    else if (it.folded.includes(q) || it.foldedId.includes(q)) rank = 2;
    if (rank >= 0) hits.push({ item: { id: it.id, label: it.label, helix: it.helix, degree: it.degree }, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || b.item.degree - a.item.degree || a.item.label.localeCompare(b.item.label));
  return hits.slice(0, limit).map((h) => h.item);
}
