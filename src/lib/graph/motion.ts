// Whether the person has asked their system for less motion ("reduce motion"):
// the graph then jumps where it would animate (a layout, a zoom, a followed
// step), as MapLibre's camera does by itself (WCAG 2.3.3).
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
