/**
 * Stands in for `@pdf-lib/upng` (pdf-lib's PNG decoder) in the Lambda bundles (infra/bundling.ts
 * aliases it here): the documents embed no raster image (the QR code is drawn as vector squares). The
 * real module builds its inflate tables at import, on every cold start.
 */
export class PngDecoderNotBundledError extends Error {
  constructor() {
    super('PNG decoding is not in this bundle: documents embed no PNG images');
    this.name = 'PngDecoderNotBundledError';
  }
}

const notBundled = (): never => {
  throw new PngDecoderNotBundledError();
};

export default { decode: notBundled, toRGBA8: notBundled };
