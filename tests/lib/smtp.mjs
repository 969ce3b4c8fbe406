// A real SMTP server on a free loopback port, for black-box tests of
// whatever Common Ground sends by e-mail.
//
//   const smtp = await startSmtp();
//   await srv.cli('config', 'set', 'smtp_url', smtp.url);    // smtp://127.0.0.1:PORT
//   ... do something that sends mail ...
//   const [msg] = await smtp.waitFor(1, 5000);              // {from, to: [...], data}
//   const { headers, text, html, attachments } = decoded(msg);
//   smtp.failNext(550);                                     // the next RCPT is refused
//   await smtp.stop();
//
// It speaks enough SMTP for libcurl and the curl CLI: EHLO/HELO, MAIL FROM,
// RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT.  `decoded` reads enough
// MIME for assertions: RFC 2047 headers, quoted-printable and base64 bodies,
// nested multiparts and RFC 2231 file names.
import { createServer } from 'node:net';

const REPLIES = {
  421: '421 4.3.2 service not available',
  450: '450 4.2.0 mailbox unavailable',
  451: '451 4.3.0 try again later',
  452: '452 4.2.2 mailbox full',
  550: '550 5.1.1 no such user',
  552: '552 5.3.4 message too big',
  553: '553 5.1.3 mailbox name not allowed',
  554: '554 5.7.1 message refused',
};

function replyFor(code) {
  return REPLIES[code] || `${code} ${code >= 500 ? '5.0.0 refused' : '4.0.0 try again later'}`;
}

// Splits a Buffer into lines, each with its LF (and CR) kept; the rest
// (an incomplete line) is returned separately.
function takeLines(buf) {
  const lines = [];
  let start = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, start)) {
    lines.push(buf.subarray(start, i + 1));
    start = i + 1;
  }
  return { lines, rest: buf.subarray(start) };
}

function angle(line) {
  const m = /<([^>]*)>/.exec(line);
  return m ? m[1] : line.replace(/^[A-Za-z ]+:\s*/, '').trim();
}

export async function startSmtp() {
  const messages = [];
  const sockets = new Set();
  const failures = { rcpt: [], data: [] };

  function session(sock) {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let pending = Buffer.alloc(0);
    let inData = false;
    let dataLines = [];
    let from = null;
    let to = [];
    const say = (s) => {
      if (!sock.destroyed) sock.write(`${s}\r\n`);
    };
    const reset = () => {
      from = null;
      to = [];
      dataLines = [];
    };

    function command(text) {
      const verb = text.slice(0, 4).toUpperCase();
      const upper = text.toUpperCase();
      if (verb === 'EHLO') {
        say('250-test.invalid greets you');
        say('250-8BITMIME');
        say('250-SIZE 20000000');
        say('250 HELP');
      } else if (verb === 'HELO') {
        say('250 test.invalid');
      } else if (upper.startsWith('MAIL FROM:')) {
        reset();
        from = angle(text);
        say('250 2.1.0 ok');
      } else if (upper.startsWith('RCPT TO:')) {
        if (from === null) return say('503 5.5.1 MAIL first');
        if (failures.rcpt.length) return say(replyFor(failures.rcpt.shift()));
        to.push(angle(text));
        say('250 2.1.5 ok');
      } else if (verb === 'DATA') {
        if (!to.length) return say('503 5.5.1 no valid recipients');
        inData = true;
        dataLines = [];
        say('354 end data with <CR><LF>.<CR><LF>');
      } else if (verb === 'RSET') {
        reset();
        say('250 2.0.0 ok');
      } else if (verb === 'NOOP') {
        say('250 2.0.0 ok');
      } else if (verb === 'QUIT') {
        say('221 2.0.0 bye');
        sock.end();
      } else {
        say('502 5.5.2 command not recognized');
      }
    }

    function dataLine(line) {
      const s = line.toString('latin1');
      if (s === '.\r\n' || s === '.\n') {
        inData = false;
        if (failures.data.length) {
          say(replyFor(failures.data.shift()));
        } else {
          const data = Buffer.concat(dataLines).toString('utf8');
          messages.push({ from, to: [...to], data });
          say('250 2.0.0 queued');
        }
        reset();
        return;
      }
      dataLines.push(line[0] === 0x2e ? line.subarray(1) : line);
    }

    sock.on('data', (chunk) => {
      const { lines, rest } = takeLines(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const line of lines) {
        if (inData) dataLine(line);
        else command(line.toString('utf8').replace(/\r?\n$/, ''));
      }
    });
    say('220 test.invalid ESMTP ready');
  }

  const server = createServer(session);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  // A forgotten stop() must not keep the test process alive.
  server.unref();
  const { port } = server.address();

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // Resolves with the messages once there are at least n; polls, so it
    // never waits longer than it must.
    waitFor(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= n) return resolve(messages);
          if (Date.now() >= deadline) {
            return reject(new Error(`expected ${n} e-mail(s) within ${timeoutMs} ms, got ${messages.length}`));
          }
          setTimeout(check, 10);
        };
        check();
      });
    },
    // The next RCPT (or, with at = 'data', the next end of DATA) is answered
    // with code: 550 is a permanent refusal, 451 a temporary one.
    failNext(code, at = 'rcpt') {
      if (!failures[at]) throw new Error(`failNext: at must be 'rcpt' or 'data', not ${at}`);
      failures[at].push(code);
    },
    decoded,
    stop() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- MIME reading -------------------------------------------------------

function decodeText(bytes, charset = 'utf-8') {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

// Quoted-printable (RFC 2045 §6.7) to bytes.
function qpBytes(s) {
  const out = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      out.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) out.push(b);
    }
  }
  return Buffer.from(out);
}

// RFC 2047: encoded words, with the white space between two adjacent ones
// dropped and adjacent words of one charset decoded together (some mailers
// split a character between words).
export function decodeWords(value) {
  const re = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let run = null; // { charset, bytes: [] }
  const flush = () => {
    if (run) out += decodeText(Buffer.concat(run.bytes), run.charset);
    run = null;
  };
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(run && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = m[1].replace(/\*.*$/, ''); // RFC 2231 language suffix
    const bytes = /[Bb]/.test(m[2])
      ? Buffer.from(m[3], 'base64')
      : qpBytes(m[3].replace(/_/g, ' '));
    if (run && run.charset.toLowerCase() !== charset.toLowerCase()) flush();
    if (!run) run = { charset, bytes: [] };
    run.bytes.push(bytes);
    last = re.lastIndex;
  }
  flush();
  return out + value.slice(last);
}

// Header section text → Map-like object of lowercased name → value
// (unfolded, RFC 2047 decoded; the first of repeated headers wins, all are
// in .all).
function parseHeaders(text) {
  const headers = {};
  const all = [];
  const unfolded = text.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const raw = line.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    all.push([name, raw]);
    if (!(name in headers)) headers[name] = decodeWords(raw);
  }
  Object.defineProperty(headers, 'all', { value: all, enumerable: false });
  return headers;
}

// "type/sub; a=1; b=\"x y\"; name*=UTF-8''%C3%B1" → { value, params }, with
// RFC 2231 continuations and charsets applied.
function parseParams(header) {
  if (!header) return { value: '', params: {} };
  const semi = header.indexOf(';');
  const value = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  const raw = {};
  const re = /;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    let v = m[2].trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    raw[m[1].toLowerCase()] = v;
  }
  const params = {};
  const pieces = {};
  for (const [key, v] of Object.entries(raw)) {
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m) continue;
    (pieces[m[1]] ||= []).push({ n: m[2] === undefined ? -1 : Number(m[2]), encoded: !!m[3], v });
  }
  for (const [name, list] of Object.entries(pieces)) {
    const ext = list.filter((p) => p.n >= 0 || p.encoded).sort((a, b) => a.n - b.n);
    if (!ext.length) {
      params[name] = decodeWords(list[0].v);
      continue;
    }
    let charset = 'utf-8';
    const bytes = [];
    ext.forEach((p, i) => {
      let v = p.v;
      if (p.encoded && i === 0) {
        const q = /^([^']*)'[^']*'(.*)$/.exec(v);
        if (q) {
          charset = q[1] || charset;
          v = q[2];
        }
      }
      bytes.push(p.encoded
        ? Buffer.from(v.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
        : Buffer.from(v, 'utf8'));
    });
    params[name] = decodeText(Buffer.concat(bytes), charset);
  }
  return { value, params };
}

function splitEntity(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: '' };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

function bodyBytes(body, cte) {
  switch ((cte || '').trim().toLowerCase()) {
    case 'quoted-printable':
      return qpBytes(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    default:
      return Buffer.from(body, 'utf8');
  }
}

// The parts of a multipart body, as raw strings (CRLF line ends).
function splitMultipart(body, boundary) {
  const parts = [];
  let cur = null;
  for (const line of body.split(/\r?\n/)) {
    const t = line.replace(/[ \t]+$/, '');
    if (t === `--${boundary}--`) {
      if (cur) parts.push(cur.join('\r\n'));
      return parts;
    }
    if (t === `--${boundary}`) {
      if (cur) parts.push(cur.join('\r\n'));
      cur = [];
    } else if (cur) {
      cur.push(line);
    }
  }
  if (cur) parts.push(cur.join('\r\n'));
  return parts;
}

function walk(raw, out, depth) {
  const { head, body } = splitEntity(raw);
  const headers = parseHeaders(head);
  const ct = parseParams(headers['content-type'] || 'text/plain; charset=us-ascii');
  if (ct.value.startsWith('multipart/') && ct.params.boundary && depth < 10) {
    for (const part of splitMultipart(body, ct.params.boundary)) walk(part, out, depth + 1);
    return headers;
  }
  const disp = parseParams(headers['content-disposition']);
  const filename = disp.params.filename ?? ct.params.name;
  const bytes = bodyBytes(body, headers['content-transfer-encoding']);
  const charset = ct.params.charset || 'utf-8';
  if (disp.value === 'attachment' || filename !== undefined) {
    out.attachments.push({
      filename: filename ?? '',
      contentType: headers['content-type'] || 'text/plain',
      type: ct.value,
      content: decodeText(bytes, charset),
      bytes,
    });
  } else if (ct.value === 'text/plain' && out.text === undefined) {
    out.text = decodeText(bytes, charset).replace(/\r\n/g, '\n');
  } else if (ct.value === 'text/html' && out.html === undefined) {
    out.html = decodeText(bytes, charset).replace(/\r\n/g, '\n');
  }
  return headers;
}

// { headers, text, html, attachments: [{ filename, contentType, type,
// content, bytes }] } of a message from startSmtp().messages (or its raw
// data string).  text and html have LF line ends, as the application wrote
// them; an attachment's content and bytes are exactly what was attached.
export function decoded(msg) {
  const raw = typeof msg === 'string' ? msg : msg.data;
  const out = { text: undefined, html: undefined, attachments: [] };
  const headers = walk(raw, out, 0);
  return { headers, text: out.text ?? '', html: out.html, attachments: out.attachments };
}
