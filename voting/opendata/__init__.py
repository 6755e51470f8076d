"""Open data: Popolo JSON, Akoma Ntoso XML and spreadsheet exports of the public record."""
