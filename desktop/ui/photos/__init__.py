"""照片: the photo page, its grid, viewer and the household window's strip."""
