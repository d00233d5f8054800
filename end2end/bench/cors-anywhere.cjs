// cors-anywhere on a loopback port, for `cargo xtask bench`: the reference the proxy is compared to.
const corsAnywhere = require('cors-anywhere');

const server = corsAnywhere.createServer({ originWhitelist: [], requireHeader: [] });
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
