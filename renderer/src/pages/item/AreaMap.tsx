import type { PageArea } from '../../components/PdfPages';

// A small plan of one page beside the keyboard controls: every area on it, the selected
// one outlined, so a sighted keyboard user sees which one the arrows move without
// scrolling to the page itself. Screen readers get the same from the list and the
// announcements, so the plan is hidden from them.

const WIDTH = 110;

export function AreaMap({ areas, selected, ratio }: { areas: PageArea[]; selected: PageArea; ratio: number }) {
  return (
    <div aria-hidden="true" data-testid="area-map" style={{ position: 'relative', width: WIDTH, height: Math.round(WIDTH * ratio), border: '1px solid var(--mantine-color-gray-5)', background: '#fff', flex: 'none' }}>
      {areas
        .filter((a) => a.page === selected.page)
        .map((a, i) => (
          <div
            key={i}
            data-selected={a === selected ? 'true' : undefined}
            style={{
              position: 'absolute',
              left: `${a.x * 100}%`,
              top: `${a.y * 100}%`,
              width: `${a.width * 100}%`,
              height: `${a.height * 100}%`,
              background: a === selected ? 'rgba(201,42,42,0.55)' : 'rgba(0,0,0,0.35)',
              outline: a === selected ? '2px solid #1971c2' : undefined,
            }}
          />
        ))}
    </div>
  );
}
