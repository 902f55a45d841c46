import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../bench/benchStats';
import { costPlot } from '../../bench/costPlot';

/** The points of the polyline for a figure and side, as numbers. */
function points(svg: string, figure: string, side: string): Array<[number, number]> {
  const match = new RegExp(`<polyline data-figure="${figure}" data-side="${side}" points="([^"]+)"`).exec(svg);
  assert.ok(match?.[1], `no line for ${figure} (${side})`);
  return match[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

describe('the plot of cost against N', () => {
  const comparisons = [
    compare('probing', 50, [100], [10]),
    compare('probing', 500, [1000], [100]),
    compare('listing', 50, [20], [20]),
    compare('listing', 500, [200], [200]),
  ];
  const svg = costPlot(comparisons, 'Bench under Wine');

  it('draws one line per figure and side, through the medians in order of N', () => {
    assert.equal(svg.match(/<polyline /g)?.length, 4);
    const ours = points(svg, 'probing', 'ours');
    assert.equal(ours.length, 2);
    assert.ok((ours[1]?.[0] ?? 0) > (ours[0]?.[0] ?? 0), 'a larger N is further right');
    assert.ok((ours[1]?.[1] ?? 0) < (ours[0]?.[1] ?? 0), 'a larger cost is higher up');
  });

  it('uses log axes: ten times the cost is the same step up wherever it is', () => {
    const ours = points(svg, 'probing', 'ours');
    const native = points(svg, 'probing', 'native');
    const decade = (native[0]?.[1] ?? 0) - (ours[0]?.[1] ?? 0);
    assert.ok(decade > 0);
    assert.ok(Math.abs((native[1]?.[1] ?? 0) - (ours[1]?.[1] ?? 0) - decade) < 0.2, 'ours is 10× native at both sizes');
    // Equal costs fall on one point: the listing's lines coincide.
    assert.deepEqual(points(svg, 'listing', 'ours'), points(svg, 'listing', 'native'));
  });

  it('dashes native and escapes every text it is given', () => {
    assert.match(svg, /data-side="native"[^>]*stroke-dasharray/);
    assert.doesNotMatch(svg, /data-side="ours"[^>]*stroke-dasharray/);
    const hostile = costPlot([compare('<b>&', 50, [1], [1])], 'N < 2 & "q"');
    assert.doesNotMatch(hostile, /<b>|& |"q"/);
    assert.match(hostile, /&#60;b&#62;&#38;/);
  });
});
