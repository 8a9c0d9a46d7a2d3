import { describe, expect, it } from 'vitest';
import { compare, targets } from '../../scripts/bench/compare.js';

const op = (onScreen: number, applied: number) => ({
  onScreen: { median: onScreen, p95: onScreen * 2 },
  applied: { median: applied, p95: applied * 2 }
});
const frames = (blocked: number, drawing: number) => ({
  blocked: { n: 1, median: blocked, p95: blocked, max: blocked },
  drawing: { n: 1, median: drawing, p95: drawing, max: drawing }
});
const page = (load: number, onScreen: number, drawing: number) => ({
  loadToInteractiveMs: load,
  jsHeapUsedMB: 100,
  selection: op(onScreen, 10),
  filter: op(onScreen, 20),
  hover: op(onScreen, 5),
  longFrames: frames(drawing + 10, drawing)
});

function results(oursDrawing: { county: number; national: number }) {
  return {
    'county/canvas': page(3000, 100, oursDrawing.county),
    'county/peers': {
      maplibre: page(2000, 80, 0),
      cytoscape: page(1000, 50, 90),
      sigma: page(1500, 40, 0)
    },
    'national/canvas': page(9000, 400, oursDrawing.national),
    'national/peers': {
      maplibre: page(9500, 500, 280),
      cytoscape: page(9000, 900, 3000),
      sigma: page(8000, 4000, 700)
    }
  };
}

describe('bench comparison', () => {
  it('puts ours beside each peer with the ratio, and names the fastest peer', () => {
    const { rows } = compare(results({ county: 120, national: 150 }));
    const selection = rows.find(
      (r) => r.scale === 'county' && r.metric === 'selection on screen median'
    )!;
    expect(selection).toMatchObject({
      ours: 100,
      peers: { maplibre: 80, cytoscape: 50, sigma: 40 },
      ratios: { maplibre: 1.25, cytoscape: 2, sigma: 2.5 },
      best: 'sigma',
      ratioToBest: 2.5
    });
    // The longest drawing: a peer without a long frame (0) is the best, with no ratio to it.
    const drawing = rows.find((r) => r.scale === 'national' && r.metric === 'longest drawing')!;
    expect(drawing).toMatchObject({ ours: 150, best: 'maplibre', ratios: { cytoscape: 0.05 } });
    const county = rows.find((r) => r.scale === 'county' && r.metric === 'longest drawing')!;
    expect(county).toMatchObject({ best: 'maplibre', ratioToBest: null });
  });

  it('checks "never blocked over 200 ms by drawing" on both scales', () => {
    expect(
      targets(results({ county: 120, national: 150 })).mainThreadNeverBlockedOver200msByDrawing
    ).toBe(true);
    expect(
      targets(results({ county: 120, national: 885 })).mainThreadNeverBlockedOver200msByDrawing
    ).toBe(false);
    const unmeasured: Record<string, unknown> = results({ county: 120, national: 150 });
    delete (unmeasured['national/canvas'] as { longFrames?: unknown }).longFrames;
    expect(targets(unmeasured).mainThreadNeverBlockedOver200msByDrawing).toBeNull();
  });

  it('checks the load and on-screen targets against the peers', () => {
    // The per-operation targets' names are made from the operation (compare.js).
    const t: Record<string, boolean | null> = targets(results({ county: 120, national: 150 }));
    expect(t.nationalLoadUnder10s).toBe(true);
    expect(t.countyLoadWithin1_5xMapLibre).toBe(true); // 3000 ≤ 1.5 × 2000
    expect(t['nationalSelectionOnScreenFasterThanBestPeer']).toBe(true); // 400 < 500
    expect(t['countyHoverOnScreenWithin1_5xBestPeer']).toBe(false); // 100 > 1.5 × 40
  });
});
