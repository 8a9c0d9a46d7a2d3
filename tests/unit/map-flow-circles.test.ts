// The flow map's circles: at each municipality's point, area by in + out, colour
// by the net's sign; a municipality with only unknown flows gets the smallest
// circle in the even colour (an unknown is not a zero, nor a size).
import { describe, expect, it } from 'vitest';
import { circleRadius, FLOW_CIRCLE_COLORS, flowCircles } from '$lib/map/flow-circles';

const totals = (code: string, inflow: number, out: number, unknown = 0) => ({
  code,
  in: inflow,
  out,
  net: inflow - out,
  unknownIn: unknown,
  unknownOut: 0
});

describe('flow circles', () => {
  it('sizes the area by the total and colours by the net, largest drawn first', () => {
    const codes = new Map([
      ['a', '1814'],
      ['b', '1880'],
      ['c', '1881'],
      ['d', '1883']
    ]);
    const positions = new Map([
      ['a', { lon: 14.9, lat: 59.2 }],
      ['b', { lon: 15.2, lat: 59.3 }],
      ['c', { lon: 15.1, lat: 59.1 }]
    ]);
    const circles = flowCircles(
      [
        totals('1814', 30, 120),
        totals('1880', 320, 30),
        totals('1881', 0, 0, 1),
        totals('1883', 5, 0)
      ],
      codes,
      positions
    );
    expect(circles.features.map((f) => [f.properties.code, f.properties.balance])).toEqual([
      ['1880', 'gain'],
      ['1814', 'loss'],
      ['1881', 'even']
    ]);
    const [orebro, lekeberg, kumla] = circles.features.map((f) => f.properties);
    expect(orebro).toMatchObject({ total: 350, radius: 28, color: FLOW_CIRCLE_COLORS.gain });
    expect(lekeberg!.radius).toBe(circleRadius(150, 350));
    expect(kumla).toMatchObject({ total: 0, radius: 5, color: FLOW_CIRCLE_COLORS.even });
    expect(circles.features[0]!.geometry.coordinates).toEqual([15.2, 59.3]);
  });

  it('grows the radius above the smallest with the square root of the total', () => {
    const r = (total: number) => circleRadius(total, 400) - circleRadius(0, 400);
    expect(r(100) / r(400)).toBeCloseTo(0.5);
  });
});
