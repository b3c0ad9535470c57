From: Lena Fischer <lena.fischer@icloud.example>
Content-Type: text/plain;
	charset=utf-8
Content-Transfer-Encoding: base64
Mime-Version: 1.0 (Mac OS X Mail 16.0 \(3774.600.62\))
Subject: A referral at Globex?
Message-Id: <8E4A1C6B-2F3D-4B7E-9A51-6C0D2E3F4A5B@icloud.example>
Date: Wed, 2 Dec 2026 08:05:41 +0100
To: Pat Morgan <pat@example.com>
X-Mailer: Apple Mail (2.3774.600.62)

SGkgUGF0LAoKSSBqdXN0IGFwcGxpZWQgZm9yIHRoZSBQcm9kdWN0IERlc2lnbmVyIHBvc2l0aW9u
IGF0IEdsb2JleCwgYW5kIEkgbm90aWNlZCB5b3Uga25vdyBhIGZldyBwZW9wbGUgb24gdGhlaXIg
ZGVzaWduIHRlYW0uIFdvdWxkIHlvdSBmZWVsIGNvbWZvcnRhYmxlIGdpdmluZyBtZSBhbiBpbnRl
cm5hbCByZWZlcnJhbD8gSSBjYW4gc2VuZCBvdmVyIG15IHBvcnRmb2xpbyBhbmQgYSBzaG9ydCBi
bHVyYiBzbyBpdCB0YWtlcyB5b3UgdHdvIG1pbnV0ZXMuCgpUaGFuayB5b3UhCkxlbmEK
