export { decodeBase64 } from "./decode-base64";
export { encodeBase64 } from "./encode-base64";
export { formatCsv } from "./format-csv";
