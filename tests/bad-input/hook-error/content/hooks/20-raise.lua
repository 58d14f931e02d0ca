-- an error in on_site
function on_site(site)
  error("this hook gave up")
end
