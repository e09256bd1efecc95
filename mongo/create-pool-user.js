// Runs once, when MongoDB initialises an empty data folder (docker-entrypoint-initdb.d): the application's user may
// read and write the read models' database and nothing else. Its password is the secret POOL_MONGO_PASSWORD.
const fs = require('fs');
const password = fs.readFileSync('/run/secrets/POOL_MONGO_PASSWORD', 'utf8').trim();
db.getSiblingDB('projectpool').createUser({
  user: 'pool',
  pwd: password,
  roles: [{ role: 'readWrite', db: 'projectpool' }]
});
