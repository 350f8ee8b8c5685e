# plugin formula
