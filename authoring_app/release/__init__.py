"""Release: rendering for each channel, bundles, versions, signing, the published branch and
the static site. Uses review and the library; knows nothing of sync or any face."""
