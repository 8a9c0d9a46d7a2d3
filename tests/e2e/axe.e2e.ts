// The axe fixture itself: it finds what it should, and only in the part asked for
// (so an empty list elsewhere means something).
import { expect, test } from './fixtures';

test('the axe check reports a WCAG violation, and only inside the part it is given', async ({
  page,
  axe
}) => {
  await page.setContent(
    '<html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>' +
      '<div id="bad"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>' +
      '<div id="good"><p>Text</p></div></main></body></html>'
  );
  expect((await axe(page)).join('\n')).toMatch(
    /^image-alt: Images must have alternative text — img$/
  );
  expect(await axe(page, '#bad')).toHaveLength(1);
  expect(await axe(page, '#good')).toEqual([]);
});
