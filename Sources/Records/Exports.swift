@_exported import VietdocCore
