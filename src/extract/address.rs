//! The parts of a page address extraction needs: scheme, host, path, and percent-decoding.
//!
//! Addresses come from the browser (`location.href`, already canonical: punycode host, escaped
//! path) or from the `cg` command line. A full URL parser (the `url` crate with its IDNA tables)
//! cost ~20 KB of the service worker's gzipped Wasm for the three parts used here, so this module
//! reads those and rejects what is not an absolute `http(s)` address.
//!
//! ```
//! use common_ground::extract::address::Address;
//! let a = Address::parse("https://NL.LinkedIn.com:443/in/j%C3%B6rg/?trk=x#top").unwrap();
//! assert_eq!((a.host(), a.path()), ("nl.linkedin.com", "/in/j%C3%B6rg/"));
//! assert_eq!(a.segments().collect::<Vec<_>>(), ["in", "j%C3%B6rg"]);
//! assert_eq!(a.canonical(), "https://nl.linkedin.com/in/j%C3%B6rg/");
//! ```

/// An absolute `http` or `https` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    scheme: String,
    host: String,
    path: String,
}

/// Why a string is not an address extraction can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("it does not start with http:// or https://")]
    NotHttp,
    #[error("it names no host")]
    NoHost,
    #[error("its host holds characters no host name has")]
    BadHost,
}

impl Address {
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        let text = text.trim();
        let (scheme, rest) = text.split_once("://").ok_or(AddressError::NotHttp)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(AddressError::NotHttp);
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(end);
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let host = match host_port.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
            _ => host_port,
        }
        .trim_end_matches('.')
        .to_ascii_lowercase();
        if host.is_empty() {
            return Err(AddressError::NoHost);
        }
        let valid =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '[' | ']' | ':');
        if !host.chars().all(valid) {
            return Err(AddressError::BadHost);
        }
        let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
        let path = match &rest[..path_end] {
            "" => "/".to_owned(),
            path => path.to_owned(),
        };
        Ok(Address { scheme, host, path })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path, still percent-encoded, always starting with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The non-empty path segments, still percent-encoded.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').filter(|s| !s.is_empty())
    }

    /// The address without query and fragment.
    pub fn canonical(&self) -> String {
        format!("{}://{}{}", self.scheme, self.host, self.path)
    }
}

/// Decodes `%XX` escapes (UTF-8); malformed escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_as_browsers_and_people_write_them() {
        let ok = [
            (
                "https://www.linkedin.com/in/ada/",
                "www.linkedin.com",
                "/in/ada/",
            ),
            (
                "HTTPS://WWW.LINKEDIN.COM/in/Ada",
                "www.linkedin.com",
                "/in/Ada",
            ),
            (
                "https://user:pw@github.com:8443/ada?tab=x#y",
                "github.com",
                "/ada",
            ),
            ("http://example.com", "example.com", "/"),
            ("https://example.com?x=1", "example.com", "/"),
            (
                "https://xn--bcher-kva.example/a",
                "xn--bcher-kva.example",
                "/a",
            ),
        ];
        for (text, host, path) in ok {
            let a = Address::parse(text).unwrap();
            assert_eq!((a.host(), a.path()), (host, path), "{text}");
        }
        let bad = [
            ("not a url", AddressError::NotHttp),
            ("ftp://example.com/", AddressError::NotHttp),
            ("https:///path", AddressError::NoHost),
            ("https://exa mple.com/", AddressError::BadHost),
        ];
        for (text, err) in bad {
            assert_eq!(Address::parse(text), Err(err), "{text}");
        }
        assert_eq!(percent_decode("j%C3%B6rg%2"), "jörg%2");
        assert_eq!(percent_decode("linkedin%3Aada%20b"), "linkedin:ada b");
    }
}
