import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import "./chunk-QA6RBL5S.js";

// dist/src/report/json.js
var formatJson = (report) => `${JSON.stringify(report, null, 2)}
`;
export {
  formatJson
};
