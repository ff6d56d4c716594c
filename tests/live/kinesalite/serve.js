// Starts kinesalite on 127.0.0.1 at the port given (0: any free port) and prints
// "Listening at http://127.0.0.1:PORT" once it accepts connections. Streams are created
// ACTIVE at once unless KINESALITE_CREATE_MS says otherwise.
var kinesalite = require('kinesalite')
var port = parseInt(process.argv[2] || '0', 10)
var server = kinesalite({
  createStreamMs: parseInt(process.env.KINESALITE_CREATE_MS || '0', 10),
  deleteStreamMs: 0,
  updateStreamMs: 0,
  shardLimit: 1000,
})
server.listen(port, '127.0.0.1', function() {
  var address = server.address()
  console.log('Listening at http://%s:%d', address.address, address.port)
})
