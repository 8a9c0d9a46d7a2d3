// The join QR code, made in the browser (qrcode-generator; no network call), as
// an SVG string of black modules on white.
import qrcode from 'qrcode-generator';

export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createSvgTag({ cellSize: 8, margin: 4, scalable: true });
}
