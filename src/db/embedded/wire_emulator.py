#!/usr/bin/python3
"""Daicho's embedded database: a MongoDB wire-protocol emulator.

mockupdb (MongoDB's own wire-protocol test server) speaks the protocol; mongomock keeps
the data in memory. Memory only: everything is lost when the process stops.

Usage: /usr/bin/python3 wire_emulator.py --port N [--host 127.0.0.1] [--port-file PATH]
Prints "LISTENING <port>" once it accepts connections; stops cleanly on SIGTERM/SIGINT.
"""
import argparse
import datetime
import itertools
import json
import os
import signal
import sys
import contextlib
import threading
import time
import traceback

import bson
from bson.int64 import Int64
import mockupdb
import mongomock
from mongomock import DuplicateKeyError, OperationFailure, filtering, helpers
from mongomock.collection import Collection

ENGINE = mongomock.MongoClient()
# mockupdb serves each connection on its own thread; mongomock is not thread-safe, so every
# command runs whole under this lock. That also makes each command atomic (e.g. $inc counters).
LOCK = threading.RLock()
CURSORS = {}            # cursor id -> [namespace, remaining docs, last use]
CURSOR_IDLE_SECONDS = 600
_ids = itertools.count(1)
MORE_TO_COME = mockupdb.OP_MSG_FLAGS['moreToCome']


class CommandError(Exception):
    def __init__(self, code, code_name, errmsg):
        super().__init__(errmsg)
        self.code, self.code_name = code, code_name


def log(msg):
    # stdout/stderr may be a closed pipe once the parent is gone; losing a log line is fine.
    try:
        sys.stderr.write(msg + '\n')
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------- unique indexes

def _fmt(value):
    """A value the way MongoDB prints it in a dup key message."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if value is None:
        return 'null'
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bson.ObjectId):
        return "ObjectId('%s')" % value
    if isinstance(value, dict):
        return '{ %s }' % ', '.join('%s: %s' % (k, _fmt(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return '[ %s ]' % ', '.join(_fmt(v) for v in value)
    return str(value)


def duplicate_error(ns, name, key, values):
    key_value = dict(zip([field for field, _ in key], values))
    exc = DuplicateKeyError('E11000 duplicate key error collection: %s index: %s dup key: %s'
                            % (ns, name, _fmt(key_value)), 11000)
    # Not pymongo's `details`: that would append ", full error: ..." to the message.
    exc.key_info = {'keyPattern': dict(key), 'keyValue': key_value}
    return exc


_ANY = object()     # a value behind an array: only mongomock's matcher can tell


def _getter(field):
    """A fast reader for a (dotted) field: missing -> None, through an array -> _ANY."""
    parts = field.split('.')

    def get(doc):
        for part in parts:
            if isinstance(doc, dict):
                doc = doc.get(part)
            else:
                return _ANY if isinstance(doc, list) else None
        return doc
    return get


def _has(doc, field):
    try:
        helpers.get_value_by_dot(doc, field)
        return True
    except KeyError:
        return False


def _in_index(index, doc):
    """False when sparse/partial rules leave `doc` out of the index."""
    if index.get('sparse') and not any(_has(doc, field) for field, _ in index['key']):
        return False
    pfe = index.get('partialFilterExpression')
    return pfe is None or filtering.filter_applies(pfe, doc)


def _ensure_uniques(self, new_data):
    """Replaces mongomock's check (called after each insert/update, which it rolls back on
    error): honours partialFilterExpression and raises MongoDB's exact E11000 message.
    A linear scan per unique index, kept cheap: the filter match runs only on equal keys."""
    for name, index in self._store.indexes.items():
        if not index.get('unique') or not _in_index(index, new_data):
            continue
        getters = [_getter(field) for field, _ in index['key']]
        entry = [get(new_data) for get in getters]
        if _ANY in entry:
            continue    # keys inside arrays (multikey): not emulated
        first, want = getters[0], entry[0]
        for doc in self._store._documents.values():     # we hold LOCK: no copy needed
            if first(doc) == want and doc is not new_data \
                    and [get(doc) for get in getters] == entry and _in_index(index, doc):
                raise duplicate_error(self.full_name, name, index['key'], entry)


def _check_existing_unique(coll, name, index):
    """A new unique index must hold for the documents already there."""
    getters, seen = [_getter(field) for field, _ in index['key']], set()
    for doc in list(coll._store.documents):
        if not _in_index(index, doc):
            continue
        entry = [get(doc) for get in getters]
        if _ANY in entry:
            continue
        fingerprint = bson.encode({'k': entry})
        if fingerprint in seen:
            raise duplicate_error(coll.full_name, name, index['key'], entry)
        seen.add(fingerprint)


def _may_match(doc, checks):
    for get, want in checks:
        have = get(doc)
        if not (have is _ANY or isinstance(have, list) or have == want):
            return False
    return True


_PLAIN = (str, int, float, bson.ObjectId, datetime.datetime, type(None))
_mongomock_iter_documents = Collection._iter_documents


def _iter_documents(self, filter):
    """mongomock runs its full matcher on every document of the collection for each query and
    update. Narrow the candidates first: straight to the document for a plain _id, and skip
    documents whose plain-equality fields plainly differ. mongomock still decides the match."""
    checks = [(_getter(k), v) for k, v in (filter or {}).items()
              if not k.startswith('$') and isinstance(v, _PLAIN)]
    if not checks:
        return _mongomock_iter_documents(self, filter)
    self._store._remove_expired_documents()     # what mongomock's own scan does first (TTL)
    docs = self._store._documents
    if '_id' in filter and isinstance(filter['_id'], _PLAIN):
        candidates = [docs[filter['_id']]] if filter['_id'] in docs else []
    else:
        candidates = list(docs.values())
    candidates = [d for d in candidates if _may_match(d, checks)]
    return (d for d in candidates if filtering.filter_applies(filter, d))


Collection._ensure_uniques = _ensure_uniques
Collection._iter_documents = _iter_documents


# ---------------------------------------------------------------- helpers

def coll_of(db, cmd, field):
    name = cmd[field]
    if not isinstance(name, str) or not name:
        raise CommandError(73, 'InvalidNamespace', 'invalid collection name: %r' % (name,))
    return ENGINE[db][name]


def require_existing(db, coll):
    if coll.name not in ENGINE[db].list_collection_names():
        raise CommandError(26, 'NamespaceNotFound', 'ns does not exist: %s' % coll.full_name)


def take_batch(docs, batch_size):
    """Split off one batch: batch_size docs at most (0/None = no count limit), <= 16 MB."""
    limit = batch_size or len(docs)
    size, n = 0, 0
    while n < min(limit, len(docs)):
        size += len(bson.encode(docs[n]))
        if n and size > 16 * 1024 * 1024:
            break
        n += 1
    return docs[:n], docs[n:]


def cursor_reply(ns, docs, batch_size=101, single_batch=False):
    """First batch now; the rest is kept for getMore (results are a snapshot)."""
    now = time.monotonic()
    for cid in [c for c, cur in CURSORS.items() if now - cur[2] > CURSOR_IDLE_SECONDS]:
        del CURSORS[cid]        # abandoned by its client, like mongod's cursor timeout
    if batch_size == 0:
        batch, rest = [], docs      # e.g. a cursor opened only to be iterated by getMore
    else:
        batch, rest = take_batch(docs, batch_size or 101)
    cid = 0
    if rest and not single_batch:
        cid = next(_ids)
        CURSORS[cid] = [ns, rest, now]
    return {'cursor': {'id': Int64(cid), 'ns': ns, 'firstBatch': batch}, 'ok': 1}


def write_error(index, exc):
    code = getattr(exc, 'code', None) or 2
    err = {'index': index, 'code': code, 'errmsg': str(exc)}
    err.update(getattr(exc, 'key_info', {}))
    return err


def with_write_errors(reply, errors):
    if errors:
        reply['writeErrors'] = errors
    reply['ok'] = 1
    return reply


def is_replacement(update):
    return not any(k.startswith('$') for k in update)


# ---------------------------------------------------------------- commands

_connections = itertools.count(1)


def cmd_hello(db, cmd):
    # No setName: a standalone. No topologyVersion: the driver then polls instead of
    # using streaming (exhaust) hello, which mockupdb cannot answer.
    return {'ismaster': True, 'isWritablePrimary': True, 'helloOk': True,
            'maxBsonObjectSize': 16 * 1024 * 1024, 'maxMessageSizeBytes': 48000000,
            'maxWriteBatchSize': 100000, 'localTime': datetime.datetime.now(datetime.timezone.utc),
            'logicalSessionTimeoutMinutes': 30, 'connectionId': next(_connections),
            'minWireVersion': 0, 'maxWireVersion': 17, 'readOnly': False, 'ok': 1}


def cmd_build_info(db, cmd):
    return {'version': '6.0.0', 'versionArray': [6, 0, 0, 0], 'gitVersion': 'wire_emulator',
            'bits': 64, 'maxBsonObjectSize': 16 * 1024 * 1024, 'ok': 1}


def cmd_list_databases(db, cmd):
    dbs = [{'name': n, 'sizeOnDisk': 0, 'empty': False} for n in ENGINE.list_database_names()]
    dbs = [d for d in dbs if filtering.filter_applies(cmd.get('filter') or {}, d)]
    if cmd.get('nameOnly'):
        return {'databases': [{'name': d['name']} for d in dbs], 'ok': 1}
    return {'databases': dbs, 'totalSize': 0, 'ok': 1}


def cmd_list_collections(db, cmd):
    infos = [{'name': n, 'type': 'collection', 'options': {}, 'info': {'readOnly': False},
              'idIndex': {'v': 2, 'key': {'_id': 1}, 'name': '_id_'}}
             for n in sorted(ENGINE[db].list_collection_names())]
    infos = [i for i in infos if filtering.filter_applies(cmd.get('filter') or {}, i)]
    if cmd.get('nameOnly'):
        infos = [{'name': i['name'], 'type': i['type']} for i in infos]
    return cursor_reply(db + '.$cmd.listCollections', infos, None)


def cmd_create(db, cmd):
    coll = coll_of(db, cmd, 'create')
    if coll.name in ENGINE[db].list_collection_names():
        raise CommandError(48, 'NamespaceExists', 'Collection %s already exists.' % coll.full_name)
    ENGINE[db].create_collection(coll.name)
    return {'ok': 1}


def cmd_drop(db, cmd):
    coll = coll_of(db, cmd, 'drop')
    was = len(list(coll.list_indexes()))
    ENGINE[db].drop_collection(coll.name)
    return {'ns': coll.full_name, 'nIndexesWas': was, 'ok': 1}


def cmd_drop_database(db, cmd):
    ENGINE.drop_database(db)
    return {'dropped': db, 'ok': 1}


def cmd_insert(db, cmd):
    coll = coll_of(db, cmd, 'insert')
    ordered, n, errors = cmd.get('ordered', True), 0, []
    for i, doc in enumerate(cmd.get('documents', [])):
        try:
            coll.insert_one(doc)
            n += 1
        except Exception as exc:    # one bad document is a write error, not a failed command
            if isinstance(exc, DuplicateKeyError) and 'collection:' not in str(exc):
                # mongomock's own _id check: give it MongoDB's message
                exc = duplicate_error(coll.full_name, '_id_', [('_id', 1)], [doc.get('_id')])
            errors.append(write_error(i, exc))
            if ordered:
                break
    return with_write_errors({'n': n}, errors)


def cmd_update(db, cmd):
    coll = coll_of(db, cmd, 'update')
    ordered, n, modified, upserted, errors = cmd.get('ordered', True), 0, 0, [], []
    for i, spec in enumerate(cmd.get('updates', [])):
        try:
            q, u, upsert = spec.get('q') or {}, spec.get('u') or {}, bool(spec.get('upsert'))
            if isinstance(u, list):
                raise CommandError(2, 'BadValue', 'pipeline updates are not supported')
            if is_replacement(u):
                res = coll.replace_one(q, u, upsert=upsert)
            elif spec.get('multi'):
                res = coll.update_many(q, u, upsert=upsert, array_filters=spec.get('arrayFilters'))
            else:
                res = coll.update_one(q, u, upsert=upsert, array_filters=spec.get('arrayFilters'))
            raw = res.raw_result
            n += raw['n']
            modified += raw['nModified']
            if raw.get('upserted') is not None:
                upserted.append({'index': i, '_id': raw['upserted']})
        except Exception as exc:
            errors.append(write_error(i, exc))
            if ordered:
                break
    reply = {'n': n, 'nModified': modified}
    if upserted:
        reply['upserted'] = upserted
    return with_write_errors(reply, errors)


def cmd_delete(db, cmd):
    coll = coll_of(db, cmd, 'delete')
    ordered, n, errors = cmd.get('ordered', True), 0, []
    for i, spec in enumerate(cmd.get('deletes', [])):
        try:
            q = spec.get('q') or {}
            res = coll.delete_one(q) if spec.get('limit') == 1 else coll.delete_many(q)
            n += res.deleted_count
        except Exception as exc:
            errors.append(write_error(i, exc))
            if ordered:
                break
    return with_write_errors({'n': n}, errors)


def _sort(spec):
    return [(k, v) for k, v in (spec or {}).items() if k != '$natural'] or None


def cmd_find(db, cmd):
    coll = coll_of(db, cmd, 'find')
    limit = int(cmd.get('limit') or 0)
    docs = list(coll.find(cmd.get('filter') or {}, cmd.get('projection') or None,
                          sort=_sort(cmd.get('sort')), skip=int(cmd.get('skip') or 0),
                          limit=abs(limit)))
    return cursor_reply(coll.full_name, docs, cmd.get('batchSize'),
                        bool(cmd.get('singleBatch')) or limit < 0)


def cmd_get_more(db, cmd):
    cid = int(cmd['getMore'])
    cursor = CURSORS.get(cid)
    if cursor is None:
        raise CommandError(43, 'CursorNotFound', 'cursor id %d not found' % cid)
    batch, cursor[1] = take_batch(cursor[1], cmd.get('batchSize'))
    cursor[2] = time.monotonic()
    if not cursor[1]:
        del CURSORS[cid]
        cid = 0
    return {'cursor': {'id': Int64(cid), 'ns': cursor[0], 'nextBatch': batch}, 'ok': 1}


def cmd_kill_cursors(db, cmd):
    ids = [int(c) for c in cmd.get('cursors', [])]
    killed = [Int64(c) for c in ids if CURSORS.pop(c, None) is not None]
    missing = [Int64(c) for c in ids if c not in {int(k) for k in killed}]
    return {'cursorsKilled': killed, 'cursorsNotFound': missing, 'cursorsAlive': [],
            'cursorsUnknown': [], 'ok': 1}


def cmd_count(db, cmd):
    coll = coll_of(db, cmd, 'count')
    docs = coll.find(cmd.get('query') or {}, skip=int(cmd.get('skip') or 0),
                     limit=abs(int(cmd.get('limit') or 0)))
    return {'n': len(list(docs)), 'ok': 1}


def cmd_distinct(db, cmd):
    coll = coll_of(db, cmd, 'distinct')
    return {'values': coll.distinct(cmd['key'], cmd.get('query') or {}), 'ok': 1}


def cmd_aggregate(db, cmd):
    if not isinstance(cmd['aggregate'], str):
        raise CommandError(115, 'CommandNotSupported', 'database-level aggregate is not supported')
    coll = coll_of(db, cmd, 'aggregate')
    if cmd.get('explain'):
        raise CommandError(115, 'CommandNotSupported', 'explain is not supported')
    docs = list(coll.aggregate(cmd.get('pipeline') or []))
    return cursor_reply(coll.full_name, docs, (cmd.get('cursor') or {}).get('batchSize'))


def cmd_find_and_modify(db, cmd):
    coll = coll_of(db, cmd, next(iter(cmd)))
    query, update = cmd.get('query') or {}, cmd.get('update')
    fields = cmd.get('fields') or None
    found = coll.find_one(query, sort=_sort(cmd.get('sort')))
    if cmd.get('remove'):
        if found is None:
            return {'value': None, 'lastErrorObject': {'n': 0}, 'ok': 1}
        before = coll.find_one({'_id': found['_id']}, fields)
        coll.delete_one({'_id': found['_id']})
        return {'value': before, 'lastErrorObject': {'n': 1}, 'ok': 1}
    if update is None or isinstance(update, list):
        raise CommandError(9, 'FailedToParse', 'findAndModify needs an update document or remove')
    apply = coll.replace_one if is_replacement(update) else coll.update_one
    extra = {} if is_replacement(update) else {'array_filters': cmd.get('arrayFilters')}
    if found is not None:
        before = coll.find_one({'_id': found['_id']}, fields)
        # keep the query in the filter so the positional $ operator still works
        apply(dict(query, _id=found['_id']), update, **extra)
        after = coll.find_one({'_id': found['_id']}, fields)
        return {'value': after if cmd.get('new') else before,
                'lastErrorObject': {'n': 1, 'updatedExisting': True}, 'ok': 1}
    if not cmd.get('upsert'):
        return {'value': None, 'lastErrorObject': {'n': 0, 'updatedExisting': False}, 'ok': 1}
    new_id = apply(query, update, upsert=True, **extra).upserted_id
    after = coll.find_one({'_id': new_id}, fields)
    return {'value': after if cmd.get('new') else None,
            'lastErrorObject': {'n': 1, 'updatedExisting': False, 'upserted': new_id}, 'ok': 1}


def cmd_create_indexes(db, cmd):
    coll = coll_of(db, cmd, 'createIndexes')
    store = coll._store     # mongomock's create_index drops partialFilterExpression when
    existed = bool(store.is_created)  # checking existing docs, so indexes are registered here
    before = len(list(coll.list_indexes()))
    store.create()
    for spec in cmd.get('indexes', []):
        key = list(spec['key'].items())
        name = spec.get('name') or helpers.gen_index_name(key)
        index = {'key': key}
        for opt in ('unique', 'sparse'):
            if spec.get(opt):
                index[opt] = True
        for opt in ('partialFilterExpression', 'expireAfterSeconds'):
            if spec.get(opt) is not None:
                index[opt] = spec[opt]
        if store.indexes.get(name) == index:
            continue            # identical definition: createIndexes is idempotent
        if name in store.indexes or name == '_id_':
            raise CommandError(85, 'IndexOptionsConflict',
                               'Index with name: %s already exists with different options' % name)
        if any(other['key'] == key for other in store.indexes.values()):
            raise CommandError(85, 'IndexOptionsConflict',
                               'Index already exists with a different name: %s' % name)
        if index.get('unique'):
            _check_existing_unique(coll, name, index)
        store.create_index(name, index)
    return {'createdCollectionAutomatically': not existed, 'numIndexesBefore': before,
            'numIndexesAfter': len(list(coll.list_indexes())), 'ok': 1}


def cmd_list_indexes(db, cmd):
    coll = coll_of(db, cmd, 'listIndexes')
    require_existing(db, coll)
    return cursor_reply(coll.full_name, list(coll.list_indexes()),
                        (cmd.get('cursor') or {}).get('batchSize'))


def cmd_drop_indexes(db, cmd):
    coll = coll_of(db, cmd, next(iter(cmd)))
    require_existing(db, coll)
    indexes, target = coll._store.indexes, cmd.get('index')
    was = len(indexes) + 1
    if target == '*':
        names = list(indexes)
    elif isinstance(target, dict):
        names = [n for n, ix in indexes.items() if ix['key'] == list(target.items())]
        if not names:
            raise CommandError(27, 'IndexNotFound', "can't find index with key: %s" % _fmt(target))
    else:
        names = target if isinstance(target, list) else [target]
    for name in names:
        if name == '_id_':
            raise CommandError(72, 'InvalidOptions', 'cannot drop _id index')
        if name not in indexes:
            raise CommandError(27, 'IndexNotFound', 'index not found with name [%s]' % name)
    for name in names:
        coll.drop_index(name)
    return {'nIndexesWas': was, 'ok': 1}


def ok(db, cmd):
    return {'ok': 1}


COMMANDS = {
    'hello': cmd_hello, 'isMaster': cmd_hello, 'ismaster': cmd_hello,
    'ping': ok, 'endSessions': ok, 'buildInfo': cmd_build_info, 'buildinfo': cmd_build_info,
    'listDatabases': cmd_list_databases, 'listCollections': cmd_list_collections,
    'create': cmd_create, 'drop': cmd_drop, 'dropDatabase': cmd_drop_database,
    'insert': cmd_insert, 'update': cmd_update, 'delete': cmd_delete,
    'find': cmd_find, 'getMore': cmd_get_more, 'killCursors': cmd_kill_cursors,
    'count': cmd_count, 'distinct': cmd_distinct, 'aggregate': cmd_aggregate,
    'findAndModify': cmd_find_and_modify, 'findandmodify': cmd_find_and_modify,
    'createIndexes': cmd_create_indexes, 'listIndexes': cmd_list_indexes,
    'dropIndexes': cmd_drop_indexes, 'deleteIndexes': cmd_drop_indexes,
}


# ---------------------------------------------------------------- wire glue

def run_command(request):
    cmd = request.doc
    name = request.command_name
    db = cmd.get('$db') or request.namespace or 'admin'
    handler = COMMANDS.get(name)
    if handler is None:
        return {'ok': 0, 'errmsg': "no such command: '%s'" % name, 'code': 59,
                'codeName': 'CommandNotFound'}
    if cmd.get('startTransaction') or 'autocommit' in cmd:
        # What a standalone mongod says too; better than silently non-atomic "transactions".
        return {'ok': 0, 'code': 20, 'codeName': 'IllegalOperation', 'errmsg':
                'Transaction numbers are only allowed on a replica set member or mongos'}
    try:
        if handler is cmd_hello:
            # Touches no data: answered at once, as a real server answers its monitors while
            # it runs a long command (else a big bulk write fails the heartbeat and the pool).
            return handler(db, cmd)
        with _server_unlocked(request), LOCK:
            return handler(db, cmd)
    except CommandError as exc:
        return {'ok': 0, 'errmsg': str(exc), 'code': exc.code, 'codeName': exc.code_name}
    except DuplicateKeyError as exc:
        return dict(getattr(exc, 'key_info', {}), ok=0, errmsg=str(exc), code=11000,
                    codeName='DuplicateKey')
    except OperationFailure as exc:
        return {'ok': 0, 'errmsg': str(exc), 'code': exc.code or 2, 'codeName': 'BadValue'}
    except NotImplementedError as exc:
        return {'ok': 0, 'errmsg': 'not supported by the emulator: %s' % exc, 'code': 115,
                'codeName': 'CommandNotSupported'}
    except Exception as exc:    # e.g. mongomock rejecting an operator: report, keep serving
        log('%s failed:\n%s' % (name, traceback.format_exc()))
        return {'ok': 0, 'errmsg': '%s: %s' % (type(exc).__name__, exc), 'code': 2,
                'codeName': 'BadValue'}


@contextlib.contextmanager
def _server_unlocked(request):
    """mockupdb runs every responder under one server lock; a command lets go of it (LOCK keeps
    commands one at a time; it is taken after the server lock is let go, so no two threads ever
    wait for each other) so that heartbeats on other connections are answered meanwhile."""
    server = getattr(request, 'server', None)
    if server is None:
        yield
        return
    with server._unlock():
        yield


def respond(request):
    """mockupdb calls this for every request on the connection's thread."""
    if not request.is_command:
        # Legacy opcodes (OP_INSERT, OP_QUERY on a collection...) are gone since MongoDB 5.1.
        if isinstance(request, mockupdb.OpQuery):
            return _send(request, request.fail, 'legacy opcodes are not supported')
        return True
    reply = run_command(request)
    if isinstance(request, mockupdb.OpMsg) and request.flags & MORE_TO_COME:
        return True             # unacknowledged write (w: 0): the client expects no reply
    return _send(request, request.replies, reply)


def _send(request, method, arg):
    try:
        method(arg)
    except OSError:
        pass                    # the client hung up; its thread notices on the next read
    return True                 # always "handled", so mockupdb never queues the request


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port-file')
    args = parser.parse_args()

    # Spawned detached: survive the parent's terminal going away, log thread crashes safely.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    threading.excepthook = lambda a: log(''.join(
        traceback.format_exception(a.exc_type, a.exc_value, a.exc_traceback)))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    server = mockupdb.MockupDB(port=args.port, request_timeout=int(1e6))
    server._address = (args.host, args.port)    # MockupDB has no host option
    server.autoresponds(respond)
    try:
        port = server.run()
    except OSError as exc:
        log('cannot listen on %s:%d: %s' % (args.host, args.port, exc))
        sys.exit(1)

    if args.port_file:
        tmp = '%s.%d.tmp' % (args.port_file, os.getpid())
        with open(tmp, 'w') as f:
            f.write('%d\n' % port)
        os.replace(tmp, args.port_file)     # readers never see a half-written file
    try:
        print('LISTENING %d' % port, flush=True)
    except (OSError, ValueError):
        pass

    while not stop.wait(1):
        pass
    # Memory only, so nothing to save: exit at once, once a command in progress is done.
    # (mockupdb's stop() takes a second or more; os._exit also skips interpreter teardown,
    # which can fail with exit 120 flushing a dead stdout. The OS closes the sockets.)
    with LOCK:
        os._exit(0)


if __name__ == '__main__':
    main()
