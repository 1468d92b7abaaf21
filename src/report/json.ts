// --format json: the report object, byte-identical across runs (findings are already sorted).
import type { Report } from "./report.js";

export const formatJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
