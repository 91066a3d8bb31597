// PGlite loads its WebAssembly and data files with a dynamic import(), which Jest's CommonJS runtime runs only
// under Node's --experimental-vm-modules: the test script sets it.
module.exports = require('../../jest.base.cjs')();
