/**
 * CloudFront Function (cloudfront-js-2.0) on the default behavior's viewer requests: a path whose
 * last segment has no file extension is a client-side route of the SPA, so it is served
 * `/index.html`. This is done per behavior rather than with the Distribution's custom error
 * responses because those apply to every behavior: a 404 or 403 from the waiver Lambda would come
 * back as the SPA's index.html with status 200, and a patron would see the dashboard's shell instead of why the waiver page refused (docs/architecture.md, routing).
 *
 * Kept as source text (not a module) because CloudFront runs it, not Node; the template tests
 * evaluate the synthesized copy.
 */
export const SPA_FALLBACK_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;
